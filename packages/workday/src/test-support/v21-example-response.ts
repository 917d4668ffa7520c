/**
 * The example Get_Workers_Response of the Workday spec (§1.5): a v21.1-shaped page holding two
 * workers. Worker 1 (21045) is an active employee on parental leave; worker 2 (C-00881) is a
 * terminated contingent worker. Test data only.
 */
export const V21_EXAMPLE_RESPONSE = `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">
  <env:Body>
    <wd:Get_Workers_Response xmlns:wd="urn:com.workday/bsvc" wd:version="v21.1">
      <wd:Request_Criteria>
        <wd:Transaction_Log_Criteria_Data>
          <wd:Transaction_Date_Range_Data>
            <wd:Updated_From>2024-06-03T14:00:00Z</wd:Updated_From>
            <wd:Updated_Through>2024-06-03T14:40:00Z</wd:Updated_Through>
          </wd:Transaction_Date_Range_Data>
        </wd:Transaction_Log_Criteria_Data>
      </wd:Request_Criteria>
      <wd:Response_Filter>
        <wd:As_Of_Effective_Date>2024-06-03T14:40:00Z</wd:As_Of_Effective_Date>
        <wd:As_Of_Entry_DateTime>2024-06-03T14:40:00Z</wd:As_Of_Entry_DateTime>
        <wd:Page>1</wd:Page>
        <wd:Count>30</wd:Count>
      </wd:Response_Filter>
      <wd:Response_Group>
        <wd:Include_Reference>1</wd:Include_Reference>
        <wd:Include_Personal_Information>1</wd:Include_Personal_Information>
        <wd:Include_Employment_Information>1</wd:Include_Employment_Information>
        <wd:Include_Organizations>1</wd:Include_Organizations>
        <wd:Include_Management_Chain_Data>1</wd:Include_Management_Chain_Data>
        <wd:Include_Transaction_Log_Data>1</wd:Include_Transaction_Log_Data>
      </wd:Response_Group>
      <wd:Response_Results>
        <wd:Total_Results>2</wd:Total_Results>
        <wd:Total_Pages>1</wd:Total_Pages>
        <wd:Page_Results>2</wd:Page_Results>
        <wd:Page>1</wd:Page>
      </wd:Response_Results>
      <wd:Response_Data>
        <wd:Worker>
          <wd:Worker_Reference wd:Descriptor="Jo Rivera (21045)">
            <wd:ID wd:type="WID">3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81</wd:ID>
            <wd:ID wd:type="Employee_ID">21045</wd:ID>
          </wd:Worker_Reference>
          <wd:Worker_Descriptor>Jo Rivera (21045)</wd:Worker_Descriptor>
          <wd:Worker_Data>
            <wd:Worker_ID>21045</wd:Worker_ID>
            <wd:User_ID>jrivera</wd:User_ID>
            <wd:Personal_Data>
              <wd:Name_Data>
                <wd:Legal_Name_Data>
                  <wd:Name_Detail_Data wd:Formatted_Name="Jordan Alexis Rivera" wd:Reporting_Name="Rivera, Jordan Alexis">
                    <wd:Country_Reference wd:Descriptor="United States of America">
                      <wd:ID wd:type="ISO_3166-1_Alpha-3_Code">USA</wd:ID>
                    </wd:Country_Reference>
                    <wd:First_Name>Jordan</wd:First_Name>
                    <wd:Middle_Name>Alexis</wd:Middle_Name>
                    <wd:Last_Name>Rivera</wd:Last_Name>
                  </wd:Name_Detail_Data>
                </wd:Legal_Name_Data>
                <wd:Preferred_Name_Data>
                  <wd:Name_Detail_Data wd:Formatted_Name="Jo Rivera" wd:Reporting_Name="Rivera, Jo">
                    <wd:Country_Reference wd:Descriptor="United States of America">
                      <wd:ID wd:type="ISO_3166-1_Alpha-3_Code">USA</wd:ID>
                    </wd:Country_Reference>
                    <wd:First_Name>Jo</wd:First_Name>
                    <wd:Middle_Name>A</wd:Middle_Name>
                    <wd:Last_Name>Rivera</wd:Last_Name>
                  </wd:Name_Detail_Data>
                </wd:Preferred_Name_Data>
              </wd:Name_Data>
              <wd:Contact_Data>
                <wd:Phone_Data wd:Formatted_Phone="+1 (206) 555-0142">
                  <wd:Country_ISO_Code>USA</wd:Country_ISO_Code>
                  <wd:International_Phone_Code>1</wd:International_Phone_Code>
                  <wd:Area_Code>206</wd:Area_Code>
                  <wd:Phone_Number>555-0142</wd:Phone_Number>
                  <wd:Phone_Device_Type_Reference wd:Descriptor="Telephone">
                    <wd:ID wd:type="Phone_Device_Type_ID">Landline</wd:ID>
                  </wd:Phone_Device_Type_Reference>
                  <wd:Usage_Data wd:Public="1">
                    <wd:Type_Data wd:Primary="1">
                      <wd:Type_Reference wd:Descriptor="Work">
                        <wd:ID wd:type="Communication_Usage_Type_ID">WORK</wd:ID>
                      </wd:Type_Reference>
                    </wd:Type_Data>
                  </wd:Usage_Data>
                </wd:Phone_Data>
                <wd:Phone_Data wd:Formatted_Phone="+1 (425) 555-0199">
                  <wd:Country_ISO_Code>USA</wd:Country_ISO_Code>
                  <wd:International_Phone_Code>1</wd:International_Phone_Code>
                  <wd:Area_Code>425</wd:Area_Code>
                  <wd:Phone_Number>555-0199</wd:Phone_Number>
                  <wd:Phone_Device_Type_Reference wd:Descriptor="Mobile">
                    <wd:ID wd:type="Phone_Device_Type_ID">Mobile</wd:ID>
                  </wd:Phone_Device_Type_Reference>
                  <wd:Usage_Data wd:Public="1">
                    <wd:Type_Data wd:Primary="0">
                      <wd:Type_Reference wd:Descriptor="Work">
                        <wd:ID wd:type="Communication_Usage_Type_ID">WORK</wd:ID>
                      </wd:Type_Reference>
                    </wd:Type_Data>
                  </wd:Usage_Data>
                </wd:Phone_Data>
                <wd:Phone_Data wd:Formatted_Phone="+1 (206) 555-0150">
                  <wd:Country_ISO_Code>USA</wd:Country_ISO_Code>
                  <wd:International_Phone_Code>1</wd:International_Phone_Code>
                  <wd:Area_Code>206</wd:Area_Code>
                  <wd:Phone_Number>555-0150</wd:Phone_Number>
                  <wd:Phone_Device_Type_Reference wd:Descriptor="Fax">
                    <wd:ID wd:type="Phone_Device_Type_ID">Fax</wd:ID>
                  </wd:Phone_Device_Type_Reference>
                  <wd:Usage_Data wd:Public="1">
                    <wd:Type_Data wd:Primary="0">
                      <wd:Type_Reference wd:Descriptor="Work">
                        <wd:ID wd:type="Communication_Usage_Type_ID">WORK</wd:ID>
                      </wd:Type_Reference>
                    </wd:Type_Data>
                  </wd:Usage_Data>
                </wd:Phone_Data>
                <wd:Email_Address_Data>
                  <wd:Email_Address>jo.rivera@personal.example</wd:Email_Address>
                  <wd:Usage_Data wd:Public="0">
                    <wd:Type_Data wd:Primary="1">
                      <wd:Type_Reference wd:Descriptor="Home">
                        <wd:ID wd:type="Communication_Usage_Type_ID">HOME</wd:ID>
                      </wd:Type_Reference>
                    </wd:Type_Data>
                  </wd:Usage_Data>
                </wd:Email_Address_Data>
                <wd:Email_Address_Data>
                  <wd:Email_Address>jo.rivera@contoso.example</wd:Email_Address>
                  <wd:Usage_Data wd:Public="1">
                    <wd:Type_Data wd:Primary="1">
                      <wd:Type_Reference wd:Descriptor="Work">
                        <wd:ID wd:type="Communication_Usage_Type_ID">WORK</wd:ID>
                      </wd:Type_Reference>
                    </wd:Type_Data>
                  </wd:Usage_Data>
                </wd:Email_Address_Data>
              </wd:Contact_Data>
            </wd:Personal_Data>
            <wd:Employment_Data>
              <wd:Position_Data wd:Effective_Date="2023-09-01-07:00">
                <wd:Position_Reference wd:Descriptor="P-00412 Senior Software Engineer">
                  <wd:ID wd:type="Position_ID">P-00412</wd:ID>
                </wd:Position_Reference>
                <wd:Position_ID>P-00412</wd:Position_ID>
                <wd:Position_Title>Senior Software Engineer</wd:Position_Title>
                <wd:Business_Title>Senior Software Engineer, Identity</wd:Business_Title>
                <wd:Start_Date>2021-03-15-07:00</wd:Start_Date>
                <wd:Worker_Type_Reference wd:Descriptor="Regular">
                  <wd:ID wd:type="Employee_Type_ID">Regular</wd:ID>
                </wd:Worker_Type_Reference>
                <wd:Position_Time_Type_Reference wd:Descriptor="Full time">
                  <wd:ID wd:type="Position_Time_Type_ID">Full_time</wd:ID>
                </wd:Position_Time_Type_Reference>
                <wd:Job_Classification_Summary_Data>
                  <wd:Job_Classification_Reference wd:Descriptor="2 - Professionals (EEO-1)">
                    <wd:ID wd:type="Job_Classification_Reference_ID">EEO1_2</wd:ID>
                  </wd:Job_Classification_Reference>
                </wd:Job_Classification_Summary_Data>
                <wd:Job_Profile_Summary_Data>
                  <wd:Job_Profile_Reference wd:Descriptor="Software Engineer III">
                    <wd:ID wd:type="Job_Profile_ID">JP_SWE3</wd:ID>
                  </wd:Job_Profile_Reference>
                  <wd:Job_Exempt>1</wd:Job_Exempt>
                  <wd:Management_Level_Reference wd:Descriptor="Individual Contributor">
                    <wd:ID wd:type="Management_Level_ID">IC</wd:ID>
                  </wd:Management_Level_Reference>
                  <wd:Job_Family_Reference wd:Descriptor="Software Engineering">
                    <wd:ID wd:type="Job_Family_ID">JF_SWE</wd:ID>
                  </wd:Job_Family_Reference>
                  <wd:Job_Profile_Name>Software Engineer III</wd:Job_Profile_Name>
                </wd:Job_Profile_Summary_Data>
                <wd:Business_Site_Summary_Data>
                  <wd:Location_Reference wd:Descriptor="Seattle Office">
                    <wd:ID wd:type="Location_ID">LOC_SEA_01</wd:ID>
                  </wd:Location_Reference>
                  <wd:Name>Seattle Office</wd:Name>
                  <wd:Local_Reference wd:Descriptor="English (United States)">
                    <wd:ID wd:type="Locale_ID">en_US</wd:ID>
                  </wd:Local_Reference>
                  <wd:Address_Data wd:Effective_Date="2019-01-01-08:00" wd:Formatted_Address="1200 Harbor Avenue&#xa;Floor 7&#xa;Seattle, WA 98101&#xa;United States of America" wd:Address_Format_Type="Basic">
                    <wd:Country_Reference wd:Descriptor="United States of America">
                      <wd:ID wd:type="ISO_3166-1_Alpha-2_Code">US</wd:ID>
                      <wd:ID wd:type="ISO_3166-1_Alpha-3_Code">USA</wd:ID>
                      <wd:ID wd:type="ISO_3166-1_Numeric-3_Code">840</wd:ID>
                    </wd:Country_Reference>
                    <wd:Last_Modified>2019-01-02T09:12:44.120-08:00</wd:Last_Modified>
                    <wd:Address_Line_Data wd:Type="ADDRESS_LINE_1" wd:Descriptor="Address Line 1">1200 Harbor Avenue</wd:Address_Line_Data>
                    <wd:Address_Line_Data wd:Type="ADDRESS_LINE_2" wd:Descriptor="Address Line 2">Floor 7</wd:Address_Line_Data>
                    <wd:Municipality>Seattle</wd:Municipality>
                    <wd:Country_Region_Reference wd:Descriptor="Washington">
                      <wd:ID wd:type="Country_Region_ID">USA-WA</wd:ID>
                    </wd:Country_Region_Reference>
                    <wd:Country_Region_Descriptor>Washington</wd:Country_Region_Descriptor>
                    <wd:Postal_Code>98101</wd:Postal_Code>
                  </wd:Address_Data>
                </wd:Business_Site_Summary_Data>
                <wd:Work_Space__Reference wd:Descriptor="SEA-07-114">
                  <wd:ID wd:type="Location_ID">WS_SEA_07_114</wd:ID>
                </wd:Work_Space__Reference>
                <wd:Manager_as_of_last_detected_manager_change_Reference wd:Descriptor="Priya Natarajan (21001)">
                  <wd:ID wd:type="WID">8a1e4c2b6d9f4e0a8c3b5d7f9e1a2c4b</wd:ID>
                  <wd:ID wd:type="Employee_ID">21001</wd:ID>
                </wd:Manager_as_of_last_detected_manager_change_Reference>
              </wd:Position_Data>
              <wd:Worker_Status_Data>
                <wd:Active>1</wd:Active>
                <wd:Active_Status_Date>2021-03-15-07:00</wd:Active_Status_Date>
                <wd:Hire_Date>2021-03-15-07:00</wd:Hire_Date>
                <wd:Original_Hire_Date>2019-06-03-07:00</wd:Original_Hire_Date>
                <wd:Continuous_Service_Date>2021-03-15-07:00</wd:Continuous_Service_Date>
                <wd:First_Day_of_Work>2021-03-15-07:00</wd:First_Day_of_Work>
                <wd:Expected_Retirement_Date>2052-07-01-07:00</wd:Expected_Retirement_Date>
                <wd:Retirement_Eligibility_Date>2049-07-01-07:00</wd:Retirement_Eligibility_Date>
                <wd:Retired>0</wd:Retired>
                <wd:Seniority_Date>2021-03-15-07:00</wd:Seniority_Date>
                <wd:Severance_Date>2021-03-15-07:00</wd:Severance_Date>
                <wd:Benefits_Service_Date>2021-03-15-07:00</wd:Benefits_Service_Date>
                <wd:Company_Service_Date>2021-03-15-07:00</wd:Company_Service_Date>
                <wd:Time_Off_Service_Date>2021-03-15-07:00</wd:Time_Off_Service_Date>
                <wd:Vesting_Date>2021-03-15-07:00</wd:Vesting_Date>
                <wd:Date_Entered_Workforce>2012-05-21-07:00</wd:Date_Entered_Workforce>
                <wd:Days_Unemployed>0</wd:Days_Unemployed>
                <wd:Months_Continuous_Prior_Employment>0</wd:Months_Continuous_Prior_Employment>
                <wd:Terminated>0</wd:Terminated>
                <wd:Not_Eligible_for_Hire>0</wd:Not_Eligible_for_Hire>
                <wd:Regrettable_Termination>0</wd:Regrettable_Termination>
                <wd:Not_Eligible_for_Rehire>0</wd:Not_Eligible_for_Rehire>
                <wd:Hire_Rescinded>0</wd:Hire_Rescinded>
                <wd:Not_Returning>0</wd:Not_Returning>
                <wd:Return_Unknown>0</wd:Return_Unknown>
                <wd:Probation_Start_Date>2021-03-15-07:00</wd:Probation_Start_Date>
                <wd:Probation_End_Date>2021-06-15-07:00</wd:Probation_End_Date>
                <wd:Leave_Status_Data>
                  <wd:On_Leave>1</wd:On_Leave>
                  <wd:Leave_Start_Date>2024-05-20-07:00</wd:Leave_Start_Date>
                  <wd:Estimated_Leave_End_Date>2024-08-19-07:00</wd:Estimated_Leave_End_Date>
                  <wd:Leave_of_Absence_Type_Reference wd:Descriptor="Parental Leave">
                    <wd:ID wd:type="Leave_of_Absence_Type_ID">PARENTAL</wd:ID>
                  </wd:Leave_of_Absence_Type_Reference>
                </wd:Leave_Status_Data>
                <wd:Academic_Tenure_Date>2021-03-15-07:00</wd:Academic_Tenure_Date>
                <wd:Rehire>1</wd:Rehire>
              </wd:Worker_Status_Data>
            </wd:Employment_Data>
            <wd:Organization_Data>
              <wd:Worker_Organization_Data>
                <wd:Organization_Reference wd:Descriptor="Contoso Ltd">
                  <wd:ID wd:type="Company_Reference_ID">CO_100</wd:ID>
                </wd:Organization_Reference>
                <wd:Organization_Data>
                  <wd:Organization_Reference_ID>CO_100</wd:Organization_Reference_ID>
                  <wd:Organization_Code>100</wd:Organization_Code>
                  <wd:Organization_Name>Contoso Ltd</wd:Organization_Name>
                  <wd:Organization_Type_Reference wd:Descriptor="Company">
                    <wd:ID wd:type="Organization_Type_ID">COMPANY</wd:ID>
                  </wd:Organization_Type_Reference>
                </wd:Organization_Data>
              </wd:Worker_Organization_Data>
              <wd:Worker_Organization_Data>
                <wd:Organization_Reference wd:Descriptor="Platform Engineering (Priya Natarajan)">
                  <wd:ID wd:type="Organization_Reference_ID">SUP_ENG_PLAT</wd:ID>
                </wd:Organization_Reference>
                <wd:Organization_Data>
                  <wd:Organization_Reference_ID>SUP_ENG_PLAT</wd:Organization_Reference_ID>
                  <wd:Organization_Name>Platform Engineering</wd:Organization_Name>
                  <wd:Organization_Type_Reference wd:Descriptor="Supervisory">
                    <wd:ID wd:type="Organization_Type_ID">SUPERVISORY</wd:ID>
                  </wd:Organization_Type_Reference>
                </wd:Organization_Data>
              </wd:Worker_Organization_Data>
              <wd:Worker_Organization_Data>
                <wd:Organization_Reference wd:Descriptor="4130 Engineering">
                  <wd:ID wd:type="Cost_Center_Reference_ID">CC_4130</wd:ID>
                </wd:Organization_Reference>
                <wd:Organization_Data>
                  <wd:Organization_Reference_ID>CC_4130</wd:Organization_Reference_ID>
                  <wd:Organization_Code>4130</wd:Organization_Code>
                  <wd:Organization_Name>Engineering</wd:Organization_Name>
                  <wd:Organization_Type_Reference wd:Descriptor="Cost Center">
                    <wd:ID wd:type="Organization_Type_ID">COST_CENTER</wd:ID>
                  </wd:Organization_Type_Reference>
                </wd:Organization_Data>
              </wd:Worker_Organization_Data>
              <wd:Worker_Organization_Data>
                <wd:Organization_Reference wd:Descriptor="Seattle Campus">
                  <wd:ID wd:type="Organization_Reference_ID">FAC_SEA</wd:ID>
                </wd:Organization_Reference>
                <wd:Organization_Data>
                  <wd:Organization_Reference_ID>FAC_SEA</wd:Organization_Reference_ID>
                  <wd:Organization_Name>Seattle Campus</wd:Organization_Name>
                  <wd:Organization_Type_Reference wd:Descriptor="Facility">
                    <wd:ID wd:type="Organization_Type_ID">FACILITY</wd:ID>
                  </wd:Organization_Type_Reference>
                </wd:Organization_Data>
              </wd:Worker_Organization_Data>
            </wd:Organization_Data>
            <wd:Management_Chain_Data>
              <wd:Worker_Supervisory_Management_Chain_Data>
                <wd:Management_Chain_Data>
                  <wd:Organization_Reference wd:Descriptor="Engineering (Sam Okafor)">
                    <wd:ID wd:type="Organization_Reference_ID">SUP_ENG</wd:ID>
                  </wd:Organization_Reference>
                  <wd:Manager_Reference wd:Descriptor="Sam Okafor (20007)">
                    <wd:ID wd:type="WID">c0d4e2f6a8b14c3e9d7f5a1b3c6e8f20</wd:ID>
                    <wd:ID wd:type="Employee_ID">20007</wd:ID>
                  </wd:Manager_Reference>
                </wd:Management_Chain_Data>
                <wd:Management_Chain_Data>
                  <wd:Organization_Reference wd:Descriptor="Platform Engineering (Priya Natarajan)">
                    <wd:ID wd:type="Organization_Reference_ID">SUP_ENG_PLAT</wd:ID>
                  </wd:Organization_Reference>
                  <wd:Manager_Reference wd:Descriptor="Priya Natarajan (21001)">
                    <wd:ID wd:type="WID">8a1e4c2b6d9f4e0a8c3b5d7f9e1a2c4b</wd:ID>
                    <wd:ID wd:type="Employee_ID">21001</wd:ID>
                  </wd:Manager_Reference>
                </wd:Management_Chain_Data>
              </wd:Worker_Supervisory_Management_Chain_Data>
            </wd:Management_Chain_Data>
            <wd:Transaction_Log_Entry_Data>
              <wd:Transaction_Log_Entry>
                <wd:Transaction_Log_Reference wd:Descriptor="Leave of Absence: Jo Rivera">
                  <wd:ID wd:type="WID">5e7a9c1b3d5f4a6c8e0b2d4f6a8c0e13</wd:ID>
                </wd:Transaction_Log_Reference>
                <wd:Transaction_Log_Data>
                  <wd:Transaction_Log_Description>Request Leave of Absence: Jo Rivera</wd:Transaction_Log_Description>
                  <wd:Transaction_Effective_Moment>2024-05-20T00:00:00.000-07:00</wd:Transaction_Effective_Moment>
                  <wd:Transaction_Entry_Moment>2024-06-03T07:21:09.311-07:00</wd:Transaction_Entry_Moment>
                  <wd:Transaction_Log_Type_Reference wd:Descriptor="Request Leave of Absence">
                    <wd:ID wd:type="Business_Process_Type">Request Leave of Absence</wd:ID>
                  </wd:Transaction_Log_Type_Reference>
                </wd:Transaction_Log_Data>
              </wd:Transaction_Log_Entry>
            </wd:Transaction_Log_Entry_Data>
          </wd:Worker_Data>
        </wd:Worker>
        <wd:Worker>
          <wd:Worker_Reference wd:Descriptor="Lee Chen (C-00881)">
            <wd:ID wd:type="WID">b7c9e1f3a5d74b2c8e6f0a4c2e8b6d19</wd:ID>
            <wd:ID wd:type="Contingent_Worker_ID">C-00881</wd:ID>
          </wd:Worker_Reference>
          <wd:Worker_Descriptor>Lee Chen (C-00881)</wd:Worker_Descriptor>
          <wd:Worker_Data>
            <wd:Worker_ID>C-00881</wd:Worker_ID>
            <wd:User_ID>lchen</wd:User_ID>
            <wd:Personal_Data>
              <wd:Name_Data>
                <wd:Legal_Name_Data>
                  <wd:Name_Detail_Data wd:Formatted_Name="Lee Chen" wd:Reporting_Name="Chen, Lee">
                    <wd:First_Name>Lee</wd:First_Name>
                    <wd:Last_Name>Chen</wd:Last_Name>
                  </wd:Name_Detail_Data>
                </wd:Legal_Name_Data>
              </wd:Name_Data>
            </wd:Personal_Data>
            <wd:Employment_Data>
              <wd:Position_Data wd:Effective_Date="2023-01-09-08:00">
                <wd:Position_ID>P-00977</wd:Position_ID>
                <wd:Position_Title>Contract QA Analyst</wd:Position_Title>
                <wd:Business_Title>Contract QA Analyst</wd:Business_Title>
                <wd:Worker_Type_Reference wd:Descriptor="Contractor">
                  <wd:ID wd:type="Contingent_Worker_Type_ID">Contractor</wd:ID>
                </wd:Worker_Type_Reference>
              </wd:Position_Data>
              <wd:Worker_Status_Data>
                <wd:Active>0</wd:Active>
                <wd:Active_Status_Date>2024-05-31-07:00</wd:Active_Status_Date>
                <wd:Hire_Date>2023-01-09-08:00</wd:Hire_Date>
                <wd:End_Employment_Date>2024-05-31-07:00</wd:End_Employment_Date>
                <wd:Terminated>1</wd:Terminated>
                <wd:Termination_Date>2024-05-31-07:00</wd:Termination_Date>
                <wd:Termination_Involuntary>0</wd:Termination_Involuntary>
                <wd:Not_Eligible_for_Hire>0</wd:Not_Eligible_for_Hire>
                <wd:Regrettable_Termination>0</wd:Regrettable_Termination>
                <wd:Not_Eligible_for_Rehire>0</wd:Not_Eligible_for_Rehire>
                <wd:Termination_Last_Day_of_Work>2024-05-31-07:00</wd:Termination_Last_Day_of_Work>
                <wd:Resignation_Date>2024-05-17-07:00</wd:Resignation_Date>
              </wd:Worker_Status_Data>
            </wd:Employment_Data>
          </wd:Worker_Data>
        </wd:Worker>
      </wd:Response_Data>
    </wd:Get_Workers_Response>
  </env:Body>
</env:Envelope>`;
